// Changes as they are committed, for Server-Sent Events subscribers in this process.
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { TrackChange } from '@talkwatch/domain';
import { Subject, type Observable } from 'rxjs';

@Injectable()
export class ChangeFeed implements OnApplicationShutdown {
  private readonly subject = new Subject<TrackChange>();

  publish(changes: readonly TrackChange[]): void {
    for (const change of changes) this.subject.next(change);
  }

  get changes(): Observable<TrackChange> {
    return this.subject.asObservable();
  }

  onApplicationShutdown(): void {
    this.subject.complete();
  }
}
