// The worker's device: the one its wallet registered under this name before, or a new one.
import { DeviceView } from '../../../protocol';
import { ServiceApi } from '../../../client/serviceApi';
import { hasCode } from '../../../client/serviceError';

export interface DeviceSetup {
    device: DeviceView;
    reused: boolean;
    /** Capabilities the worker has but the reused device was registered without; devices cannot be changed. */
    missing: string[];
}

export async function ensureDevice(api: ServiceApi, name: string, capabilities: string[]): Promise<DeviceSetup> {
    const named = async () => (await api.devices()).find((device) => device.name === name);
    let device = await named();
    const reused = device !== undefined;
    if (!device) {
        try {
            device = await api.registerDevice(name, capabilities);
        } catch (error) {
            // Another process of this wallet registered the name in between: use that one.
            if (!hasCode(error, 'DEVICE_NAME_TAKEN')) throw error;
            device = await named();
            if (!device) throw error;
        }
    }
    const registered = device.capabilities;
    return { device, reused, missing: capabilities.filter((capability) => !registered.includes(capability)) };
}
