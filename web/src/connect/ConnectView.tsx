// Connect: the TonConnect wallet, logged in with ton_proof. Shows who is logged in, on which network, until when,
// and why a login failed; disconnecting logs out.
import { useIsConnectionRestored, useTonConnectUI, useTonWallet } from '@tonconnect/ui-react';
import { AddressText } from '../ui/Address';
import { Problem } from '../ui/Notice';
import { useSession } from '../session/SessionContext';
import { networkName } from './loginProblems';

export function ConnectView() {
    const [tonConnectUI] = useTonConnectUI();
    const wallet = useTonWallet();
    const restored = useIsConnectionRestored();
    const session = useSession();
    const { grant, network, problem } = session;
    // Until TonConnect has restored (or not) an earlier connection, a new one would abort it half-way.
    const state = restored ? session.state : 'loading';

    return (
        <section className="view" data-testid="connect-view">
            <h2>Connect</h2>
            <p className="muted">
                Log in with a TonConnect wallet (Tonkeeper, MyTonWallet…). The wallet signs the service's one-time challenge
                (<code>ton_proof</code>); your keys never leave it.
            </p>
            <div className="card" data-testid="login-status" data-state={state}>
                {state === 'loading' && <p className="muted">Contacting the service…</p>}
                {state === 'logged-out' && (
                    <>
                        <p>Not logged in.</p>
                        <button type="button" className="primary" data-testid="connect-wallet" onClick={() => void tonConnectUI.openModal()}>
                            Connect wallet
                        </button>
                    </>
                )}
                {state === 'logging-in' && <p>Checking the wallet's proof…</p>}
                {state === 'logged-in' && grant && (
                    <>
                        <p>
                            Logged in as <AddressText address={grant.address} kind="wallet" testId="session-address" />
                            {wallet && <> with {wallet.device.appName}</>}
                        </p>
                        <p className="muted">
                            Network: {network ? networkName(network) : '…'} · session until{' '}
                            <time dateTime={new Date(grant.expires_at * 1000).toISOString()}>{new Date(grant.expires_at * 1000).toLocaleTimeString()}</time>
                        </p>
                        <button type="button" data-testid="disconnect" onClick={() => void tonConnectUI.disconnect()}>
                            Disconnect and log out
                        </button>
                    </>
                )}
            </div>
            <Problem testId="login-problem">{problem}</Problem>
        </section>
    );
}
