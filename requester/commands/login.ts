// `login`: a session token for the wallet, for scripts that call the API themselves.
import { RequesterContext } from '../context';

export async function login(ctx: RequesterContext): Promise<void> {
    const token = await ctx.client.login();
    const session = await ctx.client.sessionInfo();
    ctx.out.line(token);
    ctx.out.result({ token, address: session.address, expires_at: session.expires_at });
}
