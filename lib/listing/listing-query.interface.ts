/** ListingFormat: what the listing answers with. */
export type ListingFormat = 'json' | 'html';

/** ListingQuery is a listing request's parameters, checked. */
export interface ListingQuery {
  /** `?format=`, when given (it overrides `Accept`). */
  readonly format: ListingFormat | undefined;
  /** `?type=`: only dynamic or only static flags. */
  readonly type: 'dynamic' | 'static' | undefined;
  /** `?only_changed=true`: only flags whose value differs from the default. */
  readonly onlyChanged: boolean;
}

/** The values each query parameter accepts. */
export const LISTING_PARAMETERS = {
  format: ['json', 'html'],
  type: ['dynamic', 'static'],
  only_changed: ['true', 'false'],
} as const;
