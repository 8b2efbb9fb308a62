// The name this browser registers its device under, kept in localStorage so a reload finds the same device
// (GET /api/v1/devices) instead of registering another. Each wallet has its own devices, so one name serves all.

/** The parts of localStorage the engine uses. */
export interface KeyValueStore {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
}

export const DEVICE_NAME_KEY = 'gstd.worker.deviceName';

export function browserDeviceName(store: KeyValueStore, random: () => number = Math.random): string {
    const stored = store.getItem(DEVICE_NAME_KEY);
    if (stored) return stored;
    const suffix = Array.from({ length: 8 }, () => Math.floor(random() * 16).toString(16)).join('');
    const name = `browser-${suffix}`;
    store.setItem(DEVICE_NAME_KEY, name);
    return name;
}
