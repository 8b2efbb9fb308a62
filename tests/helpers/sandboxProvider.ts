// A Blueprint NetworkProvider over @ton/sandbox, so scripts run unchanged against a local chain in tests.
// Sends go through a sandbox treasury wallet and run to completion before `send` returns; every transaction
// they cause is kept in `transactions` for assertions, and everything the script prints is kept in `ui.lines`.
import { NetworkProvider, SenderWithSendResult, UIProvider } from '@ton/blueprint';
import {
    Address,
    beginCell,
    Cell,
    Contract,
    ContractProvider,
    ContractState,
    Dictionary,
    openContract,
    OpenedContract,
    SendMode,
    SenderArguments,
    Transaction,
} from '@ton/core';
import { parseFullConfig } from '@ton/ton';
import { Blockchain, BlockchainTransaction, SandboxContract, SendMessageResult, TreasuryContract } from '@ton/sandbox';
import { CONFIG_ADDRESS } from '../../scriptSupport/globalVersion';

/** Records what a script writes; refuses prompts, since scripts take everything from their arguments. */
export class RecordingUI implements UIProvider {
    readonly lines: string[] = [];

    write(message: string): void {
        this.lines.push(message);
    }
    /** Everything written so far, one line per write. */
    text(): string {
        return this.lines.join('\n');
    }
    prompt(message: string): Promise<boolean> {
        return notInteractive(message);
    }
    inputAddress(message: string): Promise<Address> {
        return notInteractive(message);
    }
    input(message: string): Promise<string> {
        return notInteractive(message);
    }
    choose<T>(message: string): Promise<T> {
        return notInteractive(message);
    }
    setActionPrompt(): void {}
    clearActionPrompt(): void {}
}

function notInteractive(message: string): never {
    throw new Error(`the sandbox UI is not interactive (prompted: ${message})`);
}

/** The treasury wallet as a Blueprint sender: each send runs the whole chain of transactions it causes. */
class SandboxSender implements SenderWithSendResult {
    readonly address: Address;
    lastSendResult?: SendMessageResult;
    /** Runs once, just before the next send: what someone else does between a script's checks and its message. */
    beforeNextSend?: () => Promise<unknown>;

    constructor(
        private readonly wallet: SandboxContract<TreasuryContract>,
        private readonly record: (txs: BlockchainTransaction[]) => void,
    ) {
        this.address = wallet.address;
    }

    async send(args: SenderArguments): Promise<void> {
        // Blueprint's real senders (TonConnect, mnemonic, deeplink) support no other mode; fail here as they would.
        if (args.sendMode !== undefined && args.sendMode !== SendMode.PAY_GAS_SEPARATELY) {
            throw new Error('Blueprint senders support no send mode other than PAY_GAS_SEPARATELY');
        }
        const meanwhile = this.beforeNextSend;
        this.beforeNextSend = undefined;
        await meanwhile?.();
        this.lastSendResult = await this.wallet.send(args);
        this.record(this.lastSendResult.transactions);
    }
}

export class SandboxNetworkProvider implements NetworkProvider {
    /** Every transaction caused by this provider's sends, oldest first. */
    readonly transactions: BlockchainTransaction[] = [];
    private readonly ui_ = new RecordingUI();
    private readonly sender_: SandboxSender;

    constructor(
        readonly blockchain: Blockchain,
        wallet: SandboxContract<TreasuryContract>,
    ) {
        this.sender_ = new SandboxSender(wallet, (txs) => this.transactions.push(...txs));
    }

    network() {
        return 'custom' as const;
    }
    /** The sandbox's clock, which scripts compare deadlines with (scriptSupport/networkTime.ts). */
    now(): number {
        return this.blockchain.now ?? Math.floor(Date.now() / 1000);
    }
    explorer() {
        return 'tonviewer' as const;
    }
    sender(): SandboxSender {
        return this.sender_;
    }
    ui(): RecordingUI {
        return this.ui_;
    }
    api(): never {
        throw new Error('api() is not available in sandbox');
    }

    /**
     * The sandbox's provider, with `getTransactions` answered from this provider's record: newest first, from `lt`
     * down. Only transactions this provider's sends caused are listed, which is all a script ever looks for.
     */
    provider(address: Address, init?: { code?: Cell; data?: Cell }): ContractProvider {
        const inner = this.blockchain.provider(address, init ?? null);
        return {
            getState: () => inner.getState(),
            get: (name, args) => inner.get(name, args),
            external: (message) => inner.external(message),
            internal: (via, args) => inner.internal(via, args),
            open: (contract) => this.open(contract),
            // The sandbox's own getTransactions compares hash buffers with ===, so given a hash it never finds one.
            getTransactions: async (of, lt, _hash, limit) =>
                this.transactions
                    .filter((tx) => tx.lt <= lt && destination(tx)?.equals(of))
                    .sort((a, b) => (a.lt > b.lt ? -1 : 1))
                    .slice(0, limit),
        };
    }

    open<T extends Contract>(contract: T): OpenedContract<T> {
        return openContract(contract, ({ address, init }) =>
            this.provider(address, init ? { code: init.code ?? undefined, data: init.data ?? undefined } : undefined),
        );
    }

    /**
     * Account states as the sandbox holds them, and at CONFIG_ADDRESS the configuration contract a real network has
     * there: the sandbox keeps its configuration outside any account, so that state is made up from
     * `blockchain.config`, with the param dict as the data's first reference as on chain.
     */
    async getContractState(address: Address): Promise<ContractState> {
        if (!address.equals(CONFIG_ADDRESS)) return this.blockchain.provider(address).getState();
        const data = beginCell().storeRef(this.blockchain.config).endCell();
        return {
            balance: 0n,
            extracurrency: null,
            last: null,
            state: { type: 'active', code: null, data: data.toBoc() },
        };
    }

    async isContractDeployed(address: Address): Promise<boolean> {
        return (await this.blockchain.getContract(address)).accountState?.type === 'active';
    }

    /** Sends have already run to completion, so one look decides, as Blueprint's last attempt would. */
    async waitForDeploy(address: Address): Promise<void> {
        if (!(await this.isContractDeployed(address))) {
            throw new Error("Contract was not deployed. Check your wallet's transactions");
        }
        this.ui_.write(`Contract deployed at address ${address.toString()}`);
    }

    /** Succeeds once the wallet has sent something; the sandbox applied it before `send` returned. */
    async waitForLastTransaction(): Promise<void> {
        const result = this.sender_.lastSendResult;
        if (!result) throw new Error('nothing has been sent yet');
        const applied = result.transactions[0];
        this.ui_.write(`Transaction ${applied.hash().toString('hex')} successfully applied!`);
    }

    async getConfig(): Promise<ReturnType<typeof parseFullConfig>> {
        const params = Dictionary.loadDirect(Dictionary.Keys.Int(32), Dictionary.Values.Cell(), this.blockchain.config);
        return parseFullConfig(new Map([...params].map(([key, value]) => [key, value.beginParse()])));
    }

    deploy(): Promise<void> {
        throw new Error('deploy() is deprecated in Blueprint; scripts send a deploy message and call waitForDeploy');
    }
}

function destination(tx: Transaction): Address | undefined {
    const info = tx.inMessage?.info;
    return info && info.type !== 'external-out' ? info.dest : undefined;
}
