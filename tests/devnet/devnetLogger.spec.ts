// The devnet's log format follows the service's rule: pretty at a terminal, JSON otherwise, LOG_FORMAT first.
import { devnetLogger } from '../../devnet/src/devnetLogger';

describe('devnetLogger', () => {
    it('writes JSON lines when stdout is not a terminal', () => {
        expect(devnetLogger('info', {}, false)).toEqual({ level: 'info', name: 'devnet' });
    });

    it('is pretty at a terminal', () => {
        expect(devnetLogger('info', {}, true)).toHaveProperty('stream');
    });

    it('lets LOG_FORMAT choose either way', () => {
        expect(devnetLogger('warn', { LOG_FORMAT: 'json' }, true)).toEqual({ level: 'warn', name: 'devnet' });
        expect(devnetLogger('warn', { LOG_FORMAT: 'pretty' }, false)).toHaveProperty('stream');
    });
});
