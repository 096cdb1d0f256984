/**
 * The shortest token a browser may present (a viewer's or a technician's): long enough that
 * guessing over the network is hopeless (`openssl rand -hex 16` gives 32 characters).
 */
export const MIN_TOKEN_LENGTH = 16;
