// Shape and loader of tests/vectors/claim-vectors.json.
import { readFileSync } from 'fs';
import { join } from 'path';
import { CommentError, SignatureEncoding } from '../../wrappers/claimEncoding';

export interface ValidVector {
    name: string;
    globalId: number;
    escrow: string;
    fundingId: string;
    executor: string;
    taskId: string;
    amount: string;
    validUntil: number;
    signedData: string;
    digest: string;
    signature: string;
    signatureEncoding: SignatureEncoding;
    comment: string;
    payload: string;
    claimRewardBody: string;
}

export interface MalformedVector {
    name: string;
    comment: string;
    code: CommentError;
}

export interface ClaimVectors {
    /** Seed of the backend key pair that signed the valid vectors (hex). */
    backendSeed: string;
    valid: ValidVector[];
    malformed: MalformedVector[];
}

export function loadClaimVectors(): ClaimVectors {
    return JSON.parse(readFileSync(join(__dirname, 'claim-vectors.json'), 'utf8'));
}
