// What `npm run requester -- --help` prints, and the one error a mistyped command line raises: printed as one line,
// never with a stack trace.

export const USAGE = `usage: npm run requester -- <command> [options]

commands:
  login                      log in and print a session token
  create --module <name> --input <json|@file> --budget <TON> [--redundancy N] [--deadline 1h] [--min-trust S]
                             create a task (the input is checked against the module's schema first)
  fund <task>                send the task's funding from the wallet and wait until the escrow is confirmed
  status <task> [--follow]   the task's status; --follow prints each change until it is decided
  results <task>             the canonical output, every result's verdict and who was paid
  intent <task> [--out F]    write the payout intent of this wallet's result to a file (scripts/claimReward.ts reads it)
  close <task>               after the deadline: close the escrow and get the unspent budget back

options:
  --service <url>            the service (default http://127.0.0.1:8080)
  --ton-endpoint <url>       toncenter v2 JSON-RPC (default http://127.0.0.1:8081/api/v2/jsonRPC, the local devnet)
  --ton-api-key <key>        toncenter API key
  --network testnet|mainnet  the wallet's network (default: the one the service names)
  --proof-domain <host>      domain named in the ton_proof (default the service's host)
  --state-dir <dir>          where created tasks' funding transactions are kept (default ~/.gstd-requester)
  --json                     print JSON instead of text

environment:
  WALLET_MNEMONIC            the wallet's 24 words, as Blueprint reads them
  WALLET_VERSION             v4 (also v4r2) or v5r1, as Blueprint reads it (default v4)`;

export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'UsageError';
    }
}
