// What `npm start` prints once everything answers: where each part is, and how to act as the master's owner.
// Written to stdout directly, not through the logger, so it shows at every LOG_LEVEL.
import { relative, sep } from 'path';
import { MasterOwner } from './masterOwner';

export interface ServiceFacts {
    /** Where the service listens, e.g. http://localhost:8080. */
    serviceUrl: string;
    /** PUBLIC_URL: where the web app is opened. */
    publicUrl: string;
    webBuilt: boolean;
    master: string;
    backendPublicKey: string;
    globalId: number;
}

export interface DevnetFacts {
    url: string;
    endpoint: string;
    owner: MasterOwner;
}

/** The devnet's network as Blueprint is told it: a v5r1 wallet then takes the devnet's global id (mainnet's). */
export function blueprintNetworkFlags(endpoint: string): string {
    return `--custom ${endpoint} --custom-version v2 --custom-type custom`;
}

export function bannerText(service: ServiceFacts, devnet?: DevnetFacts): string {
    const rows: [string, string][] = [
        ['API', `${service.serviceUrl}/api/v1`],
        ['API docs', `${service.serviceUrl}/docs  (OpenAPI: ${service.serviceUrl}/openapi.json)`],
        ['Web app', service.webBuilt ? `${service.publicUrl}/` : 'not built: run `npm run build:web`, then restart'],
    ];
    if (devnet) {
        rows.push(
            ['Devnet RPC', `${devnet.endpoint}  (toncenter v2, global id ${service.globalId})`],
            ['Faucet', `POST ${devnet.url}/devnet/faucet  {"address": "<wallet>", "amount_ton": "10"}`],
        );
    }
    rows.push(['Master', service.master], ['Backend key', service.backendPublicKey]);
    if (devnet) rows.push(['Master owner', `${devnet.owner.address.toString({ bounceable: false })}  (${ownerSource(devnet.owner)})`]);
    const width = Math.max(...rows.map(([label]) => label.length));
    const lines = [
        '',
        devnet ? 'GSTD Escrow is running on a local devnet' : 'GSTD Escrow is running',
        '',
        ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    ];
    if (devnet) lines.push('', ...ownerHowTo(devnet, service.master));
    lines.push('', 'Stop with Ctrl-C.', '');
    return lines.join('\n');
}

function ownerSource(owner: MasterOwner): string {
    switch (owner.source) {
        case 'MASTER_OWNER':
            return 'MASTER_OWNER';
        case 'WALLET_MNEMONIC':
            return `your WALLET_MNEMONIC, ${owner.version}`;
        case 'generated':
            return `generated, mnemonic in ${shown(owner.mnemonicFile)}`;
    }
}

/** The exact command that sets the fee as the owner; the other admin scripts take the same flags. */
function ownerHowTo(devnet: DevnetFacts, master: string): string[] {
    const run = `npx blueprint run setFee ${blueprintNetworkFlags(devnet.endpoint)} --mnemonic ${master} 300`;
    switch (devnet.owner.source) {
        case 'MASTER_OWNER':
            return ['Act as the master\'s owner: sign with the wallet at MASTER_OWNER, e.g.', `  WALLET_MNEMONIC="<its 24 words>" WALLET_VERSION=<v4|v5r1> ${run}`];
        case 'WALLET_MNEMONIC':
            return ['Act as the master\'s owner (your WALLET_MNEMONIC and WALLET_VERSION), e.g. set the fee to 3%:', `  ${run}`];
        case 'generated':
            return [
                'Act as the master\'s owner, e.g. set the fee to 3%:',
                `  WALLET_MNEMONIC="$(cat ${shown(devnet.owner.mnemonicFile)})" WALLET_VERSION=${devnet.owner.version} ${run}`,
            ];
    }
}

/** A path as typed from the current directory when it is below it. */
function shown(path: string): string {
    const below = relative(process.cwd(), path);
    return below.startsWith('..') || below.startsWith(sep) ? path : below;
}
