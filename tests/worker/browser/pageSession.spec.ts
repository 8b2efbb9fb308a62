// The engine's session from the page: a refused token makes it ask the page to log in again and wait for the next
// token; calls refused with 401 are repeated with it; stopping ends the wait. While the engine starts, a refused
// token fails at once: the page has only just handed it over.
import { PageSession, SessionRefused, SessionWaitStopped } from '../../../web/src/engine/pageSession';
import { ServiceError } from '../../../client/serviceError';

it('renewing asks the page to log in again and resolves with the token it supplies next', async () => {
    const needed: boolean[] = [];
    const session = new PageSession((need) => needed.push(need));
    session.supply('first');
    session.allowWaiting();
    const renewed = session.renew();
    expect(needed).toEqual([false, true]);
    session.supply('second');
    expect(await renewed).toBe('second');
    expect(await session.token()).toBe('second');
    expect(needed).toEqual([false, true, false]);
});

it('a 401 renews once and repeats the call with the new token', async () => {
    const session = new PageSession(() => undefined);
    session.supply('stale');
    session.allowWaiting();
    const used: string[] = [];
    const answer = session.authorized(async (token) => {
        used.push(token);
        if (token === 'stale') throw new ServiceError(401, 'UNAUTHENTICATED', 'expired');
        return 'ok';
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    session.supply('fresh');
    expect(await answer).toBe('ok');
    expect(used).toEqual(['stale', 'fresh']);
});

it('renewing a token the page has already replaced takes the newer one without asking again', async () => {
    const needed: boolean[] = [];
    const session = new PageSession((need) => needed.push(need));
    session.supply('newer');
    expect(await session.renew('older')).toBe('newer');
    expect(needed).toEqual([false]);
});

it('stopping ends every wait for a login', async () => {
    const session = new PageSession(() => undefined);
    session.supply('t');
    session.allowWaiting();
    const waiting = session.renew();
    session.stopWaiting();
    await expect(waiting).rejects.toBeInstanceOf(SessionWaitStopped);
});

it('while starting, a refused token fails at once instead of waiting for a login', async () => {
    const needed: boolean[] = [];
    const session = new PageSession((need) => needed.push(need));
    session.supply('refused');
    await expect(session.renew()).rejects.toBeInstanceOf(SessionRefused);
    await expect(session.authorized(async () => Promise.reject(new ServiceError(401, 'UNAUTHENTICATED', 'no')))).rejects.toBeInstanceOf(SessionRefused);
    expect(needed).toEqual([false]);
});
