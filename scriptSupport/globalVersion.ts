// The network's global version (config param 8) decides which TVM instructions its validators run. A contract
// using a newer instruction deploys fine and then fails with an invalid-opcode error on the first message that
// needs it, so deployment checks the version first.
//
// The parameter is read from the configuration contract's data, as Blueprint's `getConfig` reads it, but parsed
// here: @ton/ton 16.3's `parseFullConfig` reads `version` without skipping the #c4 tag, so its
// `globalVersion.version` is 0xC4000000 plus the version's upper 24 bits on every network and never below 12.
import { Address, Cell, Dictionary } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { formatAddress } from './print';
import { ScriptError } from './scriptError';

/** The escrow's claim-comment parser uses BTOS (builder to slice without a cell), a TVM 12 instruction. */
export const REQUIRED_GLOBAL_VERSION = 12;

/** Where every TON network keeps its configuration: a contract whose data's first reference is the param dict. */
export const CONFIG_ADDRESS = Address.parse('-1:5555555555555555555555555555555555555555555555555555555555555555');

/** `capabilities#c4 version:uint32 capabilities:uint64 = GlobalVersion;` */
const GLOBAL_VERSION_TAG = 0xc4;

/** The network runs too old a TVM for the escrow, or its configuration could not be read; nothing was sent. */
export class NetworkTooOld extends ScriptError {}

/** The config params in a configuration contract's data: its first reference holds the dictionary. */
export function configParamsIn(configData: Cell): Dictionary<number, Cell> {
    return configData.beginParse().loadRef().beginParse().loadDictDirect(Dictionary.Keys.Int(32), Dictionary.Values.Cell());
}

/** The version field of config param 8 in a configuration contract's data. Throws when it is not there. */
export function globalVersionIn(configData: Cell): number {
    const param = configParamsIn(configData).get(8);
    if (!param) throw new Error('the configuration has no param 8');
    const slice = param.beginParse();
    const tag = slice.loadUint(8);
    if (tag !== GLOBAL_VERSION_TAG) throw new Error(`param 8 starts with tag 0x${tag.toString(16)}, not 0xc4`);
    return slice.loadUint(32);
}

function cannotRead(reason: string): NetworkTooOld {
    return new NetworkTooOld(
        `refusing to deploy: cannot read the network's global version (config param 8): ${reason}; nothing was sent`,
    );
}

/**
 * Throws NetworkTooOld unless the network runs REQUIRED_GLOBAL_VERSION or later, and returns the version found.
 * A network with no configuration contract at all (a local emulator such as the devnet) has no version to read:
 * that is reported through the UI and null returned, so deploying there still works. A configuration contract
 * that cannot be fetched or parsed is a refusal.
 */
export async function requireGlobalVersion(provider: NetworkProvider): Promise<number | null> {
    const account = await provider.getContractState(CONFIG_ADDRESS).catch((e: Error) => {
        throw cannotRead(e.message);
    });
    if (account.state.type !== 'active') {
        provider
            .ui()
            .write(
                `This network has no configuration contract at ${formatAddress(provider, CONFIG_ADDRESS)}, so its ` +
                    `global version is unknown; the escrow needs ${REQUIRED_GLOBAL_VERSION} or later.`,
            );
        return null;
    }
    let found: number;
    try {
        if (!account.state.data) throw new Error('the configuration contract has no data');
        found = globalVersionIn(Cell.fromBoc(account.state.data)[0]);
    } catch (e) {
        throw cannotRead((e as Error).message);
    }
    if (found < REQUIRED_GLOBAL_VERSION) {
        throw new NetworkTooOld(
            `refusing to deploy: the network's global version (config param 8) is ${found}, and the escrow needs ` +
                `${REQUIRED_GLOBAL_VERSION} or later (its claim-comment parser uses BTOS, a TVM ` +
                `${REQUIRED_GLOBAL_VERSION} instruction); nothing was sent`,
        );
    }
    return found;
}
