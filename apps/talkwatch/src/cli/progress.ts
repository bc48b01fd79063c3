// A progress bar on a terminal; a line every tenth of the way when output is piped.
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): { update(done: number, total: number): void; finish(): void } {
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total) {
      const ratio = total > 0 ? Math.min(done / total, 1) : 1;
      if (stream.isTTY) {
        const width = Math.max(10, Math.min(40, (stream.columns || 80) - label.length - 30));
        const filled = Math.round(ratio * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(ratio * 100)}% ${done}/${total}`);
        drawn = true;
      } else {
        const tenth = Math.floor(ratio * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          stream.write(`${label}: ${done}/${total} (${tenth * 10}%)\n`);
        }
      }
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
