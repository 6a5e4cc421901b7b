// What makes two subscriptions "the same one", and the comparable form of their values.
// Shared by config (duplicate detection), reconcile (matching, diffing), apply and export.
export * from "./key.js";
export * from "./normalize.js";
