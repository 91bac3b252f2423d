/**
 * The baseline for `bench http`: a bare Fastify hello-world, nothing else.
 */
import Fastify from 'fastify';

const app = Fastify();
app.get('/', () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.send?.({ port: Number(process.env.PORT ?? 0) });
