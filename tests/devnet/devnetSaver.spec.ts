// The devnet's saver: every change is on disk once its afterChange resolves, and a burst of changes shares saves.
import { Blockchain } from '@ton/sandbox';
import { devnetSaver } from '../../devnet/src/devnetSaver';

/** A save the test finishes by hand, and a log of when saves start. */
function controlledSaves() {
    const started: number[] = [];
    const finishers: Array<(error?: Error) => void> = [];
    const save = () =>
        new Promise<void>((resolve, reject) => {
            started.push(started.length + 1);
            finishers.push((error) => (error ? reject(error) : resolve()));
        });
    const finish = async (index: number, error?: Error) => {
        finishers[index](error);
        await new Promise((r) => setImmediate(r));
    };
    return { started, save, finish };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('devnetSaver', () => {
    const blockchain = {} as Blockchain;

    it('a burst of changes before the save starts shares one save', async () => {
        const saves = controlledSaves();
        const saver = devnetSaver(blockchain, 'devnet.json', saves.save);
        const waits = [saver.afterChange(), saver.afterChange(), saver.afterChange()];
        await settle();
        expect(saves.started).toEqual([1]);
        await saves.finish(0);
        await expect(Promise.all(waits)).resolves.toEqual([undefined, undefined, undefined]);
    });

    it('a change made while a save runs waits for the next save, which starts after it', async () => {
        const saves = controlledSaves();
        const saver = devnetSaver(blockchain, 'devnet.json', saves.save);
        const first = saver.afterChange();
        await settle();
        let laterDone = false;
        const later = saver.afterChange().then(() => (laterDone = true));
        const alsoLater = saver.afterChange();
        await settle();
        // The running save began before these changes: they must not be answered by it.
        expect(saves.started).toEqual([1]);
        await saves.finish(0);
        await first;
        expect(laterDone).toBe(false);
        expect(saves.started).toEqual([1, 2]);
        await saves.finish(1);
        await Promise.all([later, alsoLater]);
        expect(laterDone).toBe(true);
    });

    it('a failed save fails the changes waiting for it, and the next change is saved again', async () => {
        const saves = controlledSaves();
        const saver = devnetSaver(blockchain, 'devnet.json', saves.save);
        const failing = saver.afterChange();
        await settle();
        await saves.finish(0, new Error('disk full'));
        await expect(failing).rejects.toThrow('disk full');

        const next = saver.afterChange();
        await settle();
        expect(saves.started).toEqual([1, 2]);
        await saves.finish(1);
        await expect(next).resolves.toBeUndefined();
    });
});
