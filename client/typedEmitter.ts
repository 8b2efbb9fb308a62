// A small typed event emitter that behaves the same in Node and in a browser bundle, where node:events does not
// exist. Listeners run synchronously in the order they were added, as with Node's EventEmitter.

type Listener<Args extends unknown[]> = (...args: Args) => void;
/** How listeners of every event are stored; the public methods keep each event's arguments typed. */
type StoredListener = (...args: any[]) => void;

interface Registration {
    listener: StoredListener;
    once: boolean;
}

export class TypedEmitter<Events extends { [Name in keyof Events]: unknown[] }> {
    private readonly listeners = new Map<keyof Events, Registration[]>();

    on<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): this {
        return this.add(event, listener, false);
    }

    once<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): this {
        return this.add(event, listener, true);
    }

    /** Removes the listener's latest registration, whether added with on or once. */
    off<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): this {
        const registered = this.listeners.get(event) ?? [];
        const index = registered.map((entry) => entry.listener).lastIndexOf(listener);
        if (index >= 0) registered.splice(index, 1);
        return this;
    }

    /** Calls the event's listeners; whether there were any. */
    protected emit<Name extends keyof Events>(event: Name, ...args: Events[Name]): boolean {
        const registered = this.listeners.get(event);
        if (!registered || registered.length === 0) return false;
        // A listener may add or remove listeners; this call reaches exactly those registered when it began.
        for (const entry of [...registered]) {
            if (entry.once) this.off(event, entry.listener);
            entry.listener(...args);
        }
        return true;
    }

    private add<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>, once: boolean): this {
        const registered = this.listeners.get(event) ?? [];
        registered.push({ listener, once });
        this.listeners.set(event, registered);
        return this;
    }
}
