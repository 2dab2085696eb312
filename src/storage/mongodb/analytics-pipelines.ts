import type { Document } from 'mongodb';
import type { DayRange } from '../../domain/days.js';
import type { OrderStatus } from '../../domain/types.js';
import { roundHalfAway } from './rounding.js';
import { onDays } from './shop-days.js';

/*
 * What analytics and metrics count, as aggregation pipelines: grouped where the documents are, so no
 * count stops at how many a process could read. Each mirrors the SQLite adapter's statement.
 */

/** Hundred-millionths of a dollar: what a turn's cost is kept to (llm/cost.ts), and summed in. */
export const COST_UNITS = 100_000_000;

/** What the turns of every day are partitioned under, beside each day's own (never a YYYY-MM-DD). */
export const ALL_DAYS = 'all';

/** A number the turn recorded at `path` of its metadata; `otherwise` when it recorded none, or not a number. */
const recorded = (path: string, otherwise: unknown = 0): Document => ({
  $cond: [{ $isNumber: `$metadata.${path}` }, `$metadata.${path}`, otherwise],
});

// Read as SQLite reads the JSON, where true is 1: products shown when more than none, added when 1.
const SHOWN = { $or: [{ $eq: ['$metadata.shown', true] }, { $gt: [recorded('shown'), 0] }] };
const ADDED = { $in: ['$metadata.added', [true, 1]] };

/**
 * The answered turns on the range's days, each with its `day`: assistant messages with an intent (a
 * notice has none). The time is matched first, on the index of messages by role and time.
 */
const turns = (range: DayRange): Document[] =>
  onDays('timestamp', range, { role: 'assistant', 'metadata.intent': { $ne: null } });

/** Per day and channel (`_id`): the conversations with a turn, and the model use summed (cost in COST_UNITS). */
export const turnsByDayPipeline = (range: DayRange): Document[] => [
  ...turns(range),
  {
    $group: {
      _id: { day: '$day', session_id: '$session_id' },
      calls: { $sum: recorded('usage.calls') },
      prompt_tokens: { $sum: recorded('usage.prompt_tokens') },
      completion_tokens: { $sum: recorded('usage.completion_tokens') },
      // Each turn's cost in whole units before adding, so the sum is exact however many there are.
      cost: { $sum: roundHalfAway({ $multiply: [recorded('usage.cost_usd'), COST_UNITS] }) },
    },
  },
  // A conversation's channel, looked up once a day for each conversation rather than for each turn.
  {
    $lookup: {
      from: 'conversations',
      localField: '_id.session_id',
      foreignField: '_id',
      pipeline: [{ $project: { channel: 1 } }],
      as: 'conversation',
    },
  },
  { $unwind: '$conversation' },
  {
    $group: {
      _id: { day: '$_id.day', channel: '$conversation.channel' },
      conversations: { $sum: 1 },
      calls: { $sum: '$calls' },
      prompt_tokens: { $sum: '$prompt_tokens' },
      completion_tokens: { $sum: '$completion_tokens' },
      cost: { $sum: '$cost' },
    },
  },
  { $sort: { '_id.day': 1, '_id.channel': 1 } },
];

/** Per intent (`_id`), how many answered turns were understood as it. */
export const intentsPipeline = (range: DayRange): Document[] => [
  ...turns(range),
  { $group: { _id: '$metadata.intent', turns: { $sum: 1 } } },
  { $sort: { _id: 1 } },
];

/**
 * The timed turns at the nearest ranks of `shares`, over all days (`over` ALL_DAYS) and per day: each
 * turn numbered fastest first within its partition, and kept when its rank is ceil(share x n) - at
 * least 1, at most n - of one or more shares, listed by their index in `shares`.
 */
export const latencyPipeline = (range: DayRange, shares: readonly number[]): Document[] => [
  ...turns(range),
  { $match: { 'metadata.ms': { $type: 'number' } } },
  { $project: { _id: 0, ms: '$metadata.ms', over: ['$day', ALL_DAYS] } },
  { $unwind: '$over' },
  {
    $setWindowFields: {
      partitionBy: '$over',
      sortBy: { ms: 1 },
      output: {
        rank: { $documentNumber: {} },
        timed: { $count: {}, window: { documents: ['unbounded', 'unbounded'] } },
      },
    },
  },
  {
    $set: {
      shares: {
        $filter: {
          input: { $range: [0, shares.length] },
          as: 'i',
          cond: {
            $eq: [
              '$rank',
              {
                $max: [
                  1,
                  {
                    $min: [
                      '$timed',
                      { $ceil: { $multiply: [{ $arrayElemAt: [{ $literal: shares }, '$$i'] }, '$timed'] } },
                    ],
                  },
                ],
              },
            ],
          },
        },
      },
    },
  },
  { $match: { 'shares.0': { $exists: true } } },
  { $project: { over: 1, timed: 1, ms: 1, shares: 1 } },
];

/**
 * The conversations with an answered turn on the range's days, and how many got as far as each step
 * (one document, none when there were no such conversations): orders are those placed on the days in
 * the conversation, found by the orders' index on their conversation.
 */
export const funnelPipeline = (range: DayRange, paid: readonly OrderStatus[]): Document[] => [
  ...turns(range),
  { $group: { _id: '$session_id', shown: { $max: SHOWN }, added: { $max: ADDED } } },
  {
    $lookup: {
      from: 'orders',
      localField: '_id',
      foreignField: 'session_id',
      pipeline: [...onDays('created_at', range), { $project: { _id: 0, status: 1 } }],
      as: 'orders',
    },
  },
  {
    $group: {
      _id: null,
      conversations: { $sum: 1 },
      product_shown: { $sum: { $cond: ['$shown', 1, 0] } },
      added_to_cart: { $sum: { $cond: ['$added', 1, 0] } },
      ordered: { $sum: { $cond: [{ $gt: [{ $size: '$orders' }, 0] }, 1, 0] } },
      paid: {
        $sum: {
          $cond: [
            {
              $anyElementTrue: [
                { $map: { input: '$orders', in: { $in: ['$$this.status', { $literal: paid }] } } },
              ],
            },
            1,
            0,
          ],
        },
      },
    },
  },
];

const instant = (time: string) => ({ $dateFromString: { dateString: time, onError: null } });

/**
 * Per day (`_id`), the handoffs asked for, those a person took and their waits in milliseconds. A
 * handoff's answer is the conversation's next change on the range's days that is not to handoff: the
 * least of the later changes by id (each as { id, status, at }, compared by its id first), a change
 * without a status being none, as in SQLite.
 */
export const handoffsPipeline = (range: DayRange): Document[] => [
  ...onDays('at', range, { type: 'status' }),
  {
    $setWindowFields: {
      partitionBy: '$session_id',
      sortBy: { id: 1 },
      output: {
        next: {
          $min: {
            $cond: [
              { $ne: [{ $ifNull: ['$data.status', 'handoff'] }, 'handoff'] },
              { id: '$id', status: '$data.status', at: '$at' },
              null,
            ],
          },
          window: { documents: [1, 'unbounded'] },
        },
      },
    },
  },
  { $match: { 'data.status': 'handoff' } },
  { $set: { answered: { $eq: ['$next.status', 'human'] } } },
  {
    $group: {
      _id: '$day',
      handoffs: { $sum: 1 },
      answered: { $sum: { $cond: ['$answered', 1, 0] } },
      wait_ms: {
        $sum: { $cond: ['$answered', { $subtract: [instant('$next.at'), instant('$at')] }, 0] },
      },
    },
  },
  { $sort: { _id: 1 } },
];

/**
 * Per status (`_id`), how many orders - of all, or placed on the days of `placed` - and their totals
 * in whole cents, each rounded to the cent before adding (toCents).
 */
export const statusTotalsPipeline = (placed?: DayRange): Document[] => [
  ...(placed ? onDays('created_at', placed) : []),
  {
    $group: {
      _id: '$status',
      count: { $sum: 1 },
      cents: { $sum: roundHalfAway({ $multiply: ['$total', 100] }) },
    },
  },
  { $sort: { _id: 1 } },
];

/** Per status (`_id`), how many conversations are in it (one never moved is with the assistant). */
export const statusCountsPipeline = (): Document[] => [
  { $group: { _id: { $ifNull: ['$status', 'bot'] }, count: { $sum: 1 } } },
  { $sort: { _id: 1 } },
];
