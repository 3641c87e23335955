// write.mjs — writes Parquet test files with two independent writers (@dsnp/parquetjs, hyparquet-writer) and prints them with the items each must give.
//
// Output (stdout): {"files": [{"name", "writer", "base64", "items"} | {"name", "writer", "base64", "unsupported"}]}
// `items` are the rows exactly as written (a null for a missing optional value), the JSON the
// oracle's PARQUET ItemReader must produce; `unsupported` is a phrase its TARGET_ERROR must name.
// Usage: node write.mjs <scratch directory>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import parquetjs from '@dsnp/parquetjs';
import { parquetWriteBuffer } from 'hyparquet-writer';

const { ParquetSchema, ParquetWriter } = parquetjs;
const dir = process.argv[2];
if (!dir) {
  console.error('usage: node write.mjs <scratch directory>');
  process.exit(2);
}

const files = [];

// parquetjs writes one row at a time to a file; options choose page version, codec, row groups.
async function withParquetjs(name, fields, rows, options, expectation) {
  const path = join(dir, name);
  const writer = await ParquetWriter.openFile(new ParquetSchema(fields), path, options);
  if (options.rowGroupSize) writer.setRowGroupSize(options.rowGroupSize);
  for (const row of rows) await writer.appendRow(row);
  await writer.close();
  files.push({ name, writer: 'parquetjs', base64: readFileSync(path).toString('base64'), ...expectation });
}

// hyparquet-writer writes whole columns (data pages v2, dictionary encoding where it pays).
function withHyparquet(name, columnData, options, expectation) {
  const buffer = parquetWriteBuffer({ columnData, ...options });
  files.push({ name, writer: 'hyparquet-writer', base64: Buffer.from(buffer).toString('base64'), ...expectation });
}

// The items of rows whose optional values may be missing: every column present, null when absent.
function itemsOf(rows, columns) {
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
}

const people = [
  { id: 1n, name: 'Ada', score: 3.5, active: true, small: -7 },
  { id: 2n, name: 'Grace Hopper', score: -0.25, active: false, small: 0 },
  { id: -9007199254740993n, name: '', score: 1e300, active: true, small: 2147483647 },
  { id: 9223372036854775807n, name: 'Zoë 日本 🚀', score: 0, active: false, small: -2147483648 },
];
const peopleColumns = ['id', 'name', 'score', 'active', 'small'];
const requiredFields = (extra) => ({
  id: { type: 'INT64', ...extra },
  name: { type: 'UTF8', ...extra },
  score: { type: 'DOUBLE', ...extra },
  active: { type: 'BOOLEAN', ...extra },
  small: { type: 'INT32', ...extra },
});

await withParquetjs('required-plain-v1-uncompressed.parquet', requiredFields({ compression: 'UNCOMPRESSED' }), people,
  { useDataPageV2: false }, { items: itemsOf(people, peopleColumns) });
await withParquetjs('required-plain-v2-snappy.parquet', requiredFields({ compression: 'SNAPPY' }), people,
  { useDataPageV2: true }, { items: itemsOf(people, peopleColumns) });

const sparse = [
  { id: 10n, name: 'first', score: 1.5, active: true, small: 1 },
  { id: 11n },
  { name: 'only a name' },
  {},
  { score: 2.25, active: false },
  { id: 15n, name: 'last', score: -1, active: true, small: -1 },
];
const optionalFields = (compression) => ({
  id: { type: 'INT64', optional: true, compression },
  name: { type: 'UTF8', optional: true, compression },
  score: { type: 'DOUBLE', optional: true, compression },
  active: { type: 'BOOLEAN', optional: true, compression },
  small: { type: 'INT32', optional: true, compression },
});
await withParquetjs('optional-nulls-v1-snappy.parquet', optionalFields('SNAPPY'), sparse,
  { useDataPageV2: false }, { items: itemsOf(sparse, peopleColumns) });
await withParquetjs('optional-nulls-v2-gzip.parquet', optionalFields('GZIP'), sparse,
  { useDataPageV2: true }, { items: itemsOf(sparse, peopleColumns) });

// Several row groups (3 rows each) and several pages per column chunk (2 rows a page).
const many = Array.from({ length: 10 }, (_, i) => ({ n: i, label: i % 3 === 0 ? undefined : `row ${i}` }));
await withParquetjs('row-groups-and-pages-v1-gzip.parquet',
  { n: { type: 'INT32', compression: 'GZIP' }, label: { type: 'UTF8', optional: true, compression: 'GZIP' } }, many,
  { useDataPageV2: false, rowGroupSize: 3, pageSize: 2 }, { items: itemsOf(many, ['n', 'label']) });
await withParquetjs('row-groups-and-pages-v2-uncompressed.parquet',
  { n: { type: 'INT32', compression: 'UNCOMPRESSED' }, label: { type: 'UTF8', optional: true, compression: 'UNCOMPRESSED' } },
  many, { useDataPageV2: true, rowGroupSize: 3, pageSize: 2 }, { items: itemsOf(many, ['n', 'label']) });

// Integer annotations, FLOAT and ENUM; the unsigned ones past the signed range come from
// hyparquet-writer (parquetjs writes UINT_32 as a signed int and refuses larger values).
const numbers = [
  { i8: -128, i16: 32767, f: 0.5, e: 'RED' },
  { i8: 127, i16: -32768, f: -2.75, e: 'GREEN' },
];
await withParquetjs('integer-annotations-and-float.parquet',
  { i8: { type: 'INT_8' }, i16: { type: 'INT_16' }, f: { type: 'FLOAT' }, e: { type: 'ENUM' } },
  numbers, { useDataPageV2: false }, { items: itemsOf(numbers, ['i8', 'i16', 'f', 'e']) });
const unsigned = [
  { u32: 4294967295, u64: 18446744073709551615n },
  { u32: 0, u64: 9223372036854775808n },
  { u32: 7, u64: 1n },
];
withHyparquet('unsigned-integers.parquet', [
  { name: 'u32', data: unsigned.map((r) => r.u32) },
  { name: 'u64', data: unsigned.map((r) => r.u64) },
], {
  schema: [
    { name: 'root', num_children: 2 },
    { name: 'u32', type: 'INT32', converted_type: 'UINT_32', repetition_type: 'REQUIRED' },
    { name: 'u64', type: 'INT64', converted_type: 'UINT_64', repetition_type: 'REQUIRED' },
  ],
}, { items: itemsOf(unsigned, ['u32', 'u64']) });

// RLE-encoded booleans (and an INT32 column beside them in PLAIN).
const flags = [true, true, true, false, true, false, false, false, false, true].map((b, i) => ({ flag: b, i }));
await withParquetjs('rle-booleans.parquet',
  { flag: { type: 'BOOLEAN', encoding: 'RLE', typeLength: 1 }, i: { type: 'INT32' } }, flags,
  { useDataPageV2: false }, { items: itemsOf(flags, ['flag', 'i']) });

// Dictionary encoding (hyparquet keeps a dictionary when it at least halves the column).
const colours = ['red', 'green', 'blue'];
const dictRows = Array.from({ length: 40 }, (_, i) => ({
  colour: i % 7 === 3 ? null : colours[i % 3],
  size: BigInt(i % 4),
  weight: i % 5 === 0 ? null : (i % 2) + 0.5,
}));
const dictColumns = (rows) => [
  { name: 'colour', data: rows.map((r) => r.colour), type: 'STRING' },
  { name: 'size', data: rows.map((r) => r.size), type: 'INT64', nullable: false },
  { name: 'weight', data: rows.map((r) => r.weight), type: 'DOUBLE' },
];
withHyparquet('dictionary-v2-snappy.parquet', dictColumns(dictRows), { rowGroupSize: 16 },
  { items: itemsOf(dictRows, ['colour', 'size', 'weight']) });
withHyparquet('dictionary-v2-uncompressed.parquet', dictColumns(dictRows), { codec: 'UNCOMPRESSED' },
  { items: itemsOf(dictRows, ['colour', 'size', 'weight']) });
withHyparquet('dictionary-v2-gzip.parquet', dictColumns(dictRows),
  { codec: 'GZIP', compressors: { GZIP: (bytes) => new Uint8Array(gzipSync(bytes)) } },
  { items: itemsOf(dictRows, ['colour', 'size', 'weight']) });

// Outside the reader's subset: each must be a TARGET_ERROR naming what it does not take.
await withParquetjs('timestamp-column.parquet', { at: { type: 'TIMESTAMP_MILLIS' } }, [{ at: new Date(0) }],
  { useDataPageV2: false }, { unsupported: 'TIMESTAMP_MILLIS' });
await withParquetjs('repeated-column.parquet', { tags: { type: 'UTF8', repeated: true } }, [{ tags: ['a', 'b'] }],
  { useDataPageV2: false }, { unsupported: 'repeated' });
await withParquetjs('nested-column.parquet', { point: { fields: { x: { type: 'INT32' }, y: { type: 'INT32' } } } },
  [{ point: { x: 1, y: 2 } }], { useDataPageV2: false }, { unsupported: 'group' });
await withParquetjs('brotli-codec.parquet', { n: { type: 'INT32', compression: 'BROTLI' } }, [{ n: 1 }],
  { useDataPageV2: false }, { unsupported: 'BROTLI' });

// BigInt values are written as JSON numbers, digits exactly as they are.
const text = JSON.stringify({ files }, (_, v) => (typeof v === 'bigint' ? `__bigint:${v}` : v));
process.stdout.write(text.replace(/"__bigint:(-?\d+)"/g, '$1'));
