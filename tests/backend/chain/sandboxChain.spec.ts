import { sandboxChain } from '../../helpers/sandboxChain';
import { sandboxGlobalId } from '../../../devnet/src/networkConfig';
import { MAINNET_GLOBAL_ID } from '../../../wrappers/claimEncoding';
import { escrowFixture } from '../../helpers/escrowFixture';
import { behavesAsEscrowChain } from './chainBehaviour';

describe('sandboxChain', () => {
    behavesAsEscrowChain(async (f) => ({ chain: sandboxChain(f.blockchain, f.master.address) }));

    it("signs for the sandbox's own global id, the one the escrow fixture signs for", async () => {
        const f = await escrowFixture();
        const chain = sandboxChain(f.blockchain, f.master.address);
        expect(chain.globalId).toBe(sandboxGlobalId(f.blockchain));
        expect(chain.globalId).toBe(MAINNET_GLOBAL_ID);
    });
});
