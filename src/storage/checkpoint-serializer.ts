import { JsonPlusSerializer } from '@langchain/langgraph-checkpoint';

/**
 * LangGraph's serializer, reading plain JSON without its reviver. JsonPlus writes an `{"lc": ...}` record
 * only for what JSON can't hold (undefined, Set, Map, RegExp, Error, bytes, LangChain objects); a
 * checkpoint with none of them parses to the same values with JSON.parse alone, without the reviver's
 * async walk over every value. Writing is unchanged.
 */
export class PlainJsonSerializer extends JsonPlusSerializer {
  protected override async _loads(data: string): Promise<unknown> {
    return data.includes('"lc":') ? super._loads(data) : JSON.parse(data);
  }
}
