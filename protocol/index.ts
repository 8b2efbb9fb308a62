// The wire protocol of the GSTD service: every /api/v1 request and answer, the WebSocket frames and close codes,
// the claim comment prefix and the ton_proof message. The service, the worker and the web page import it from here.
export * from './fields';
export * from './limits';
export * from './errorBody';
export * from './paging';
export * from './health';
export * from './auth';
export * from './tonProof';
export * from './devices';
export * from './tonConnect';
export * from './tasks';
export * from './closeTask';
export * from './escrowState';
export * from './taskOutcome';
export * from './payments';
export * from './payouts';
export * from './stats';
export * from './modules';
export * from './webApp';
export * from './clientFrames';
export * from './serverFrames';
export * from './closeCodes';
export * from './claimComment';
export type { ParsedFrame } from './jsonFrame';
