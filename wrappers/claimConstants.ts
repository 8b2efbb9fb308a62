// The claim format's constants, free of Node APIs so that the browser (through protocol/) can use them too;
// wrappers/claimEncoding.ts builds and parses the comment with them.

/** Purpose tag that opens the signed data ("GSC1"). Equals CLAIM_TAG in contracts/constants.tact. */
export const CLAIM_TAG = 0x47534331;
/** Opcode of the binary ClaimReward message. */
export const CLAIM_REWARD_OPCODE = 0x434c4149;
/** Network global ids, as config param 19 reports them. */
export const MAINNET_GLOBAL_ID = -239;
export const TESTNET_GLOBAL_ID = -3;

export const COMMENT_PREFIX = 'GSTD1 claim task=';

/** Largest amount a comment can carry: 19 digits. Equals MAX_AMOUNT in contracts/constants.tact. */
export const MAX_AMOUNT = 9_999_999_999_999_999_999n;
/** Largest task id: 19 digits. Equals MAX_TASK_ID in contracts/constants.tact. */
export const MAX_TASK_ID = 9_999_999_999_999_999_999n;
/** Largest valid-until: 10 digits of unix seconds. */
export const MAX_VALID_UNTIL = 9_999_999_999;
/** Bytes of text the first comment cell holds after the 32-bit zero opcode. */
export const COMMENT_ROOT_BYTES = 123;
