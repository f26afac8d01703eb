/** Output helpers for the CLI: stdout carries results only; messages and logs go to stderr. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  stdin: NodeJS.ReadableStream;
  isTTY: boolean;
  columns: number;
}

export const processIo = (): CliIo => ({
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stdin: process.stdin,
  isTTY: Boolean(process.stdout.isTTY && process.stdin.isTTY),
  columns: process.stdout.columns || 100,
});
