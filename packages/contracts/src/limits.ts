/** Limits both the server and the web enforce. */
export const LIMITS = {
  emailMax: 254,
  passwordMin: 12,
  passwordMax: 200,
  displayNameMax: 120,
  nameMax: 300,
  /** Largest JSON request body the API accepts, in bytes. */
  jsonBodyBytes: 1_048_576,
  /** Largest PostgreSQL `integer`: version numbers and counts above it are refused at the boundary. */
  pgIntMax: 2_147_483_647,
} as const;
