// What every command works with: the parsed flags, the logged-in client, the wallet and its sender on chain, and
// where output goes.
import { Address } from '@ton/core';
import { WebConfig } from '../protocol';
import { ClaimSender } from '../client/claimSender';
import { GstdClient } from '../client/gstdClient';
import { HttpTransport } from '../client/httpTransport';
import { tonClientClaimSender } from '../client/tonClientClaimSender';
import { NETWORK_GLOBAL_IDS, TonNetwork, WorkerWallet } from '../client/wallet';
import { RequesterArgs } from './args';
import { walletFromEnv } from './walletFromEnv';

export interface Output {
    /** A line for people (text mode). */
    line(text: string): void;
    /** The command's answer: JSON with --json, else the text lines already printed. */
    result(value: unknown): void;
}

export interface RequesterContext {
    args: RequesterArgs;
    client: GstdClient;
    wallet: WorkerWallet;
    /** Sends from the wallet through the toncenter endpoint; made on first use. */
    sender(): ClaimSender;
    out: Output;
    /** How an address is shown: user-friendly, non-bounceable for wallets, as Blueprint prints them. */
    show(address: Address | string): string;
}

export async function requesterContext(args: RequesterArgs, env: NodeJS.ProcessEnv, out: Output): Promise<RequesterContext> {
    const network = args.network ?? (await serviceNetwork(args.serviceUrl));
    const wallet = await walletFromEnv(env, network);
    const client = GstdClient.withWallet({ serviceUrl: args.serviceUrl, proofDomain: args.proofDomain }, wallet);
    let sender: ClaimSender | null = null;
    const testOnly = network === 'testnet';
    return {
        args,
        client,
        wallet,
        sender: () => (sender ??= tonClientClaimSender(wallet, { endpoint: args.tonEndpoint, apiKey: args.tonApiKey })),
        out,
        show: (address) => {
            // Escrows come user-friendly from the service and stay so; wallets come raw and are shown non-bounceable.
            if (typeof address === 'string' && Address.isFriendly(address)) return address;
            return (typeof address === 'string' ? Address.parse(address) : address).toString({ bounceable: false, testOnly });
        },
    };
}

/** The network the service's wallets are on, from its web config ('-3' testnet; '-239' mainnet and the devnet). */
async function serviceNetwork(serviceUrl: string): Promise<TonNetwork> {
    const config = await new HttpTransport(serviceUrl).json<WebConfig>({ method: 'GET', path: '/web-config.json' });
    return config.network === String(NETWORK_GLOBAL_IDS.testnet) ? 'testnet' : 'mainnet';
}
