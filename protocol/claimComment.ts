// The text every payout claim comment starts with; wrappers/claimEncoding.ts builds the whole comment.
export { COMMENT_PREFIX as CLAIM_COMMENT_PREFIX } from '../wrappers/claimConstants';
