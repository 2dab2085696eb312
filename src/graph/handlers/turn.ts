import type { Customer, GeoPoint } from '../../domain/types.js';
import type { Agents } from '../agents.js';
import type { SalesStateType, SalesStateUpdate } from '../state.js';
import type { AgentResults } from '../types.js';

/** What a handler knows about the turn it serves. */
export interface Turn {
  state: SalesStateType;
  agents: Agents;
  customer: Customer;
  /** Where the customer is, or the place they named. */
  location: GeoPoint | null;
  /** The product the message is about, when known. */
  target: string | null;
}

/** A handler's findings, and the conversation memory they change. */
export interface Outcome {
  results: AgentResults;
  update?: SalesStateUpdate;
}

export type Handler = (turn: Turn) => Promise<Outcome>;
