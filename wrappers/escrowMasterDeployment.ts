// What deploying an EscrowMaster carries, shared by the Blueprint script (real networks) and the local devnet.
import { toNano } from '@ton/core';

/** Value the deployment carries: the master's storage rent for years. Tasks bring their own gas. */
export const DEPLOY_VALUE = toNano('0.1');
