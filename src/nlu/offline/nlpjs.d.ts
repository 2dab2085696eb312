// NLP.js ships without type declarations; these cover the calls this project makes.
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
    get(name: string): unknown;
  }
  export function containerBootstrap(settings?: Record<string, unknown>): Promise<Container>;
}

declare module '@nlpjs/nlp' {
  export const Nlp: unknown;
}

declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}

declare module '@nlpjs/similarity' {
  export class SpellCheck {
    constructor(settings: { features: Record<string, number>; minLength?: number });
    checkToken(token: string, distance: number): string;
  }
}
