// Wallet login with ton_proof. Before the user connects, the service's challenge is the proof payload TonConnect
// asks the wallet to sign (refreshed before it expires). When a wallet connects with a proof, the service verifies
// it and answers the session. A wallet restored from an earlier visit keeps its session only while that session is
// valid for the same wallet; otherwise it is disconnected and the user connects (and proves) again.
// Disconnecting logs out.
import { useEffect, useRef } from 'react';
import { Address } from '@ton/core';
import { useTonConnectUI, UserRejectsError, Wallet } from '@tonconnect/ui-react';
import type { ChallengeAnswer, SessionGrant, SessionInfo, TonProofRequest } from '../../../protocol';
import { callApi } from '../api/apiClient';
import { useSessionControl } from '../session/SessionContext';
import { loginProblem, wrongNetwork } from './loginProblems';

/** Fetch the next challenge this long before the current one expires. */
const REFRESH_BEFORE_EXPIRY_MS = 30_000;

export function useTonProofLogin(): void {
    const [tonConnectUI] = useTonConnectUI();
    const session = useSessionControl();
    const latest = useRef(session);
    latest.current = session;
    const ready = session.network !== undefined;

    useEffect(() => {
        if (!ready) return;
        let stopped = false;
        let refreshTimer: ReturnType<typeof setTimeout> | undefined;

        async function offerChallenge(): Promise<void> {
            clearTimeout(refreshTimer);
            if (stopped || tonConnectUI.connected) return;
            tonConnectUI.setConnectRequestParameters({ state: 'loading' });
            try {
                const challenge = await callApi<ChallengeAnswer>('POST', '/api/v1/auth/challenge');
                if (stopped || tonConnectUI.connected) return;
                tonConnectUI.setConnectRequestParameters({ state: 'ready', value: { tonProof: challenge.payload } });
                refreshTimer = setTimeout(() => void offerChallenge(), Math.max(5_000, challenge.expires_at * 1000 - Date.now() - REFRESH_BEFORE_EXPIRY_MS));
            } catch (err) {
                // Without a challenge the wallet would connect without proving anything: offer none, say why.
                tonConnectUI.setConnectRequestParameters(null);
                latest.current.setProblem(loginProblem(err));
                refreshTimer = setTimeout(() => void offerChallenge(), 10_000);
            }
        }

        async function fail(problem: string): Promise<void> {
            latest.current.setGrant(null);
            latest.current.setLoggingIn(false);
            latest.current.setProblem(problem);
            if (tonConnectUI.connected) await tonConnectUI.disconnect().catch(() => undefined);
        }

        async function onWallet(wallet: Wallet | null): Promise<void> {
            const { setGrant, setLoggingIn, setProblem, network } = latest.current;
            if (!wallet) {
                setGrant(null);
                setLoggingIn(false);
                void offerChallenge();
                return;
            }
            const proof = wallet.connectItems?.tonProof;
            if (!proof) return keepRestoredSession(wallet);
            if ('error' in proof) return fail(`the wallet did not sign the login proof: ${proof.error.message || 'no reason given'}; connect again`);
            const mismatch = wrongNetwork(wallet.account.chain, network);
            if (mismatch) return fail(mismatch);
            if (!wallet.account.walletStateInit) return fail('the wallet did not send its state-init, which the login proof needs');
            setLoggingIn(true);
            setProblem(undefined);
            const request: TonProofRequest = {
                address: wallet.account.address,
                network: wallet.account.chain as TonProofRequest['network'],
                publicKey: wallet.account.publicKey,
                proof: { ...proof.proof, stateInit: wallet.account.walletStateInit },
            };
            try {
                const grant = await callApi<SessionGrant>('POST', '/api/v1/auth/verify', { body: request });
                setGrant(grant);
                setLoggingIn(false);
            } catch (err) {
                await fail(loginProblem(err));
            }
        }

        async function keepRestoredSession(wallet: Wallet): Promise<void> {
            const grant = latest.current.grant;
            if (grant && sameAddress(grant.address, wallet.account.address)) {
                try {
                    await callApi<SessionInfo>('GET', '/api/v1/auth/session', { token: grant.token });
                    return;
                } catch {
                    // Expired or from another service secret: prove again.
                }
            }
            await fail('your session ended; connect your wallet again to log in');
        }

        const unsubscribe = tonConnectUI.onStatusChange(
            (wallet) => void onWallet(wallet),
            (err) => {
                latest.current.setLoggingIn(false);
                latest.current.setProblem(err instanceof UserRejectsError ? 'the connection was cancelled in the wallet' : `the wallet could not connect: ${err.message}`);
                void offerChallenge();
            },
        );
        void tonConnectUI.connectionRestored.then(() => {
            if (!tonConnectUI.connected) void offerChallenge();
        });
        return () => {
            stopped = true;
            clearTimeout(refreshTimer);
            unsubscribe();
        };
    }, [ready, tonConnectUI]);
}

function sameAddress(a: string, b: string): boolean {
    try {
        return Address.parse(a).equals(Address.parse(b));
    } catch {
        return false;
    }
}
