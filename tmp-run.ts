import { main } from './src/cli.ts';
const code = await main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
process.exitCode = code;
