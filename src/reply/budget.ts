/**
 * Length budgets: the same pager serves every platform, which passes in its own limits (its
 * `PlatformProfile.budget`, from src/platforms/<name>/).
 */
export interface Budget {
  /** Longest text of one section body. */
  maxBody: number;
  /** Longest single field/column value. */
  maxField: number;
  /** Longest field name / column label. */
  maxFieldName: number;
  /** Longest title. */
  maxTitle: number;
  /** Most fields in one page. */
  maxFields: number;
  /** Most characters in one page all told. */
  maxTotal: number;
  /** Most sections in one page; undefined: no limit. */
  maxSections?: number;
  /** Terminal width for side-by-side columns; undefined where the client lays them out. */
  width?: number;
}
