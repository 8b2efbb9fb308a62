// The emitter HubConnection uses in Node and in the browser: listeners in order, once, off (also of a once), and a
// listener removed during an emit still hears that emit, as with Node's EventEmitter.
import { TypedEmitter } from '../../client/typedEmitter';

class Pinger extends TypedEmitter<{ ping: [number]; pong: [] }> {
    fire(value: number): boolean {
        return this.emit('ping', value);
    }
}

it('calls listeners in the order they were added, with the arguments', () => {
    const pinger = new Pinger();
    const heard: string[] = [];
    pinger.on('ping', (value) => heard.push(`a${value}`)).on('ping', (value) => heard.push(`b${value}`));
    expect(pinger.fire(1)).toBe(true);
    expect(heard).toEqual(['a1', 'b1']);
});

it('a once listener hears one emit; off removes a listener, a once one included', () => {
    const pinger = new Pinger();
    const heard: number[] = [];
    const once = (value: number) => heard.push(value);
    const kept = (value: number) => heard.push(value * 10);
    pinger.once('ping', once);
    pinger.on('ping', kept);
    pinger.fire(1);
    pinger.fire(2);
    expect(heard).toEqual([1, 10, 20]);

    const removed = (value: number) => heard.push(value * 100);
    pinger.once('ping', removed);
    pinger.off('ping', removed).off('ping', kept);
    expect(pinger.fire(3)).toBe(false);
    expect(heard).toEqual([1, 10, 20]);
});

it('an emit reaches the listeners registered when it began', () => {
    const pinger = new Pinger();
    const heard: string[] = [];
    const second = () => heard.push('second');
    pinger.on('ping', () => {
        heard.push('first');
        pinger.off('ping', second);
        pinger.on('ping', () => heard.push('late'));
    });
    pinger.on('ping', second);
    pinger.fire(0);
    expect(heard).toEqual(['first', 'second']);
});
