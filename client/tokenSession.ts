// A session whose token comes from elsewhere (a page's wallet login, a token printed by `requester login`): it is
// used as it is, and a 401 is final, since there is no wallet here to log in again with.
import { SessionTokens } from './serviceApi';

export function fixedTokenSession(token: string): SessionTokens {
    return {
        token: async () => token,
        authorized: (call) => call(token),
    };
}
