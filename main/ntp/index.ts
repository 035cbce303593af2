/** NTP over sockets: the client, the lab time server, ntp-time-sync done right, chrony for tests. */
export * from './hostClock';
export * from './client';
export * from './server';
export * from './server-thread';
export * from './ntpTimeSync';
export * from './chrony';
export * from './free-port';
export * from './poller';
export * from './record';
