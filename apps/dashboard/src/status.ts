// Status as a word and a symbol (never colour alone); the colour class is extra.
import type { DemandStatus, RoundStatus, TrackStatus } from './api/client.ts';

export interface StatusLook {
  label: string;
  icon: string;
  tone: 'good' | 'info' | 'warn' | 'bad' | 'muted';
}

export const trackStatusLook: Record<TrackStatus, StatusLook> = {
  proposed: { label: 'Proposed', icon: '◇', tone: 'info' },
  active: { label: 'Active', icon: '●', tone: 'good' },
  paused: { label: 'Paused', icon: 'Ⅱ', tone: 'warn' },
  concluded: { label: 'Concluded', icon: '✓', tone: 'muted' },
  collapsed: { label: 'Collapsed', icon: '✕', tone: 'bad' },
};

export const roundStatusLook: Record<RoundStatus, StatusLook> = {
  announced: { label: 'Announced', icon: '◇', tone: 'info' },
  scheduled: { label: 'Scheduled', icon: '◆', tone: 'info' },
  postponed: { label: 'Postponed', icon: '↷', tone: 'warn' },
  cancelled: { label: 'Cancelled', icon: '✕', tone: 'bad' },
  held: { label: 'Held', icon: '●', tone: 'good' },
  concluded: { label: 'Concluded', icon: '✓', tone: 'muted' },
};

export const demandStatusLook: Record<DemandStatus, StatusLook> = {
  open: { label: 'Open', icon: '○', tone: 'info' },
  accepted: { label: 'Accepted', icon: '✓', tone: 'good' },
  rejected: { label: 'Rejected', icon: '✕', tone: 'bad' },
  countered: { label: 'Countered', icon: '⇄', tone: 'warn' },
};

export const trackStatuses = Object.keys(trackStatusLook) as TrackStatus[];
