// Preloaded by scripts/bench into the peer gateway (node --require): a server that listens without naming a host
// would listen on every interface; the bench keeps all traffic on loopback, so such a listen() gets 127.0.0.1.
'use strict';
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
    const first = args[0];
    if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
        if (args.length < 2 || args[1] === undefined || args[1] === null) {
            args[1] = '127.0.0.1';
        } else if (typeof args[1] !== 'string') {
            args.splice(1, 0, '127.0.0.1');
        }
    } else if (first && typeof first === 'object' && first.port !== undefined && !first.host && !first.path) {
        args[0] = { ...first, host: '127.0.0.1' };
    }
    return listen.apply(this, args);
};
