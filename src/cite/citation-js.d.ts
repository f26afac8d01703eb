/**
 * The few parts of citation-js 0.8 that Lectern calls. The packages ship no types; these are
 * written from their sources (lib/plugins/output.js, plugin-csl/lib/index.js,
 * plugin-bibtex/lib/config.js) and cover only what src/cite uses.
 */
declare module '@citation-js/core' {
  interface Register<T> {
    add(name: string, value: T): void;
    has(name: string): boolean;
    get(name: string): T;
  }
  /** Reads any registered input format (BibTeX, RIS, CSL-JSON…) into CSL-JSON items. */
  export class Cite {
    constructor(data: unknown);
    data: Record<string, unknown>[];
  }
  export const plugins: {
    config: {
      get(name: '@csl'): { styles: Register<string>; locales: Register<string> };
      get(name: '@bibtex'): { format: { asciiOnly: boolean; useIdAsLabel: boolean; checkLabel: boolean } };
    };
    output: {
      format(name: string, data: object[], options?: Record<string, unknown>): unknown;
    };
  };
}

declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
