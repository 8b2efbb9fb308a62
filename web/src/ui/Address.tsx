// One address, user-friendly and shortened, the full form on hover and in the copy.
import { AddressKind, friendlyAddress, shortAddress } from '../format/address';
import { useSession } from '../session/SessionContext';

export function AddressText({ address, kind, testId }: { address: string; kind: AddressKind; testId?: string }) {
    const { network } = useSession();
    const friendly = friendlyAddress(address, kind, network);
    return (
        <span className="address" title={friendly} data-testid={testId} data-address={friendly}>
            {shortAddress(friendly)}
        </span>
    );
}
