import { segmentMajor } from '../../core/document-version.js';
import type { AsyncModel, ChannelM } from './model.js';

/**
 * Several major lines in one AsyncAPI document: channels whose address (2.x: the channel name;
 * 3.x: `address`, else the channel's key) carries a version segment — `orders.placed.v1`,
 * `orders/v2/placed`, `orders-v1`. Each line is the document restricted to its channels and to the
 * operations on them (the messages are reached through those); channels without a version
 * segment, the operations on them, servers and security schemes stay in every line, so a change
 * to them is reported once per line.
 */

/** Separators of address segments: `/` (MQTT, HTTP), `.` (Kafka, AMQP), `:`, `_`, `-`. */
const SEPARATORS = /[/.:_-]/;

/** The major line a channel's address names, if any. */
export function channelLine(ch: ChannelM): number | undefined {
  return segmentMajor(ch.address ?? ch.key, SEPARATORS);
}

/** The major lines the document's channels name, ascending (several: the document carries lines). */
export function documentLines(model: AsyncModel): number[] {
  const lines = new Set<number>();
  for (const ch of model.channels) {
    const line = channelLine(ch);
    if (line !== undefined) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b);
}

/**
 * The document as one of its lines: the channels of that line and the unversioned ones, and the
 * operations on them. The line has no declared version: one `info.version` cannot version
 * several lines, so each line's version is computed from its own changes.
 */
export function restrictToLine(model: AsyncModel, line: number): AsyncModel {
  const channels = model.channels.filter((ch) => {
    const own = channelLine(ch);
    return own === undefined || own === line;
  });
  const kept = new Set(channels);
  const operations = model.operations.filter((op) => !op.channel || kept.has(op.channel));
  const { infoVersion: _infoVersion, ...rest } = model;
  return {
    ...rest,
    channels,
    operations,
    line,
  };
}
