export const CONFIG_VALIDATOR_PATH: string;
export function configValidatorSource(schema: object): string;
