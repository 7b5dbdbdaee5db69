/** Limits both the server and the web enforce. */
export const LIMITS = {
  emailMax: 254,
  passwordMin: 12,
  passwordMax: 200,
  /** Lowest zxcvbn score (0–4) a new password may have; 3 resists offline guessing against a slow hash. */
  passwordMinScore: 3,
  displayNameMax: 120,
  nameMax: 300,
  /** Longest request address (path and query) the API accepts, in characters; longer: 414 uri_too_long. */
  urlMax: 4096,
  /** Largest JSON request body the API accepts, in bytes. */
  jsonBodyBytes: 1_048_576,
  /** Largest PostgreSQL `integer`: version numbers and counts above it are refused at the boundary. */
  pgIntMax: 2_147_483_647,
} as const;
