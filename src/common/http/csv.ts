import type { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';

/**
 * RFC 4180 CSV for the report downloads (attendance, comment transcript), and the download
 * itself. A field starting with = + - @ (or a tab or CR) is prefixed with ' so spreadsheets do
 * not run it as a formula.
 */
function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and one row per item, CRLF line ends. */
export function toCsv<Row, Column extends keyof Row & string>(
  columns: readonly Column[],
  rows: readonly Row[],
): string {
  return `${columns.join(',')}\r\n${csvRows(columns, rows)}`;
}

/** One row per item, CRLF line ends, no header (the pages after a file's first). */
export function csvRows<Row, Column extends keyof Row & string>(
  columns: readonly Column[],
  rows: readonly Row[],
): string {
  let text = '';
  for (const row of rows) {
    text += `${columns.map((c) => csvField(row[c] as string | number | null)).join(',')}\r\n`;
  }
  return text;
}

/** A CSV file to download, streamed as it is read. */
export function csvDownload(body: Readable, filename: string): StreamableFile {
  return new StreamableFile(body, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${filename}"`,
  });
}
