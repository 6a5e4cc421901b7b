import { type Catalog, catalog } from "../../catalog/index.js";

/** Where a subscription is sent: release events go to the release host (vsrm). */
export type CatalogHost = "default" | "release";

/** The projects an organization has, for the online-only project rule. */
export interface ProjectList {
  /** By name or GUID, any case, braces allowed. */
  has(nameOrId: string): boolean;
  readonly names: readonly string[];
}

/**
 * What the catalog rules look publishers, events, consumers and inputs up in: the catalog hookops
 * ships (`validate`), or one built from an organization's live metadata (`validate --online`).
 */
export interface CatalogSource {
  /** The catalog describing subscriptions sent to this host. */
  at(host: CatalogHost): Catalog;
  /** Said after the subject of an "unknown …" message: "" for the shipped catalog, " in https://dev.azure.com/fabrikam" for an organization. */
  where(host: CatalogHost): string;
  /**
   * The service's own lists: what they lack, it lacks, so findings are errors even where the shipped
   * catalog is incomplete, except for items the shipped catalog knows but marks unconfirmed.
   */
  readonly live: boolean;
  /** Only an organization knows its projects; rules about them are skipped without. */
  readonly projects?: ProjectList;
}

export const shippedCatalog: CatalogSource = { at: () => catalog, where: () => "", live: false };
