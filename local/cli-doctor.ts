import { CliError } from './api-client.ts';
import { deployedChecks, readOutputs, report } from './doctor.ts';
import { awsProbes, regionOfApiUrl } from './doctor-aws.ts';
import { localChecks } from './doctor-local.ts';

/**
 * `doctor [--outputs FILE]`: the deployed stack of an outputs file, else the `npm start` stack; read-only, one line
 * per check, 1 when one failed.
 */
export async function doctorCommand(
  outputsFile: string | undefined,
  env: Record<string, string | undefined>,
  out: (line: string) => void,
): Promise<number> {
  if (!outputsFile) return report(await localChecks(env), out);
  const outputs = readOutputs(outputsFile);
  const region = regionOfApiUrl(outputs.values.ApiUrl ?? '') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new CliError(`cannot tell the stack's Region from ${outputsFile}: set AWS_REGION`);
  return report(await deployedChecks(outputs, awsProbes(region, env)), out);
}
