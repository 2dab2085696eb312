/** Prints "label: 42% (4200/10000)" to stderr, at most once per percent. */
export function progress(label: string): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const percent = Math.floor((done / Math.max(1, total)) * 100);
    if (percent === last) return;
    last = percent;
    const line = `${label}: ${percent}% (${done}/${total})`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${done >= total ? '\n' : ''}`);
    else if (percent % 10 === 0 || done >= total) process.stderr.write(`${line}\n`);
  };
}
