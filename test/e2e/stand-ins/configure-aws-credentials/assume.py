"""AssumeRole against AWS_ENDPOINT_URL (moto) as the user that stands in for GitHub's OIDC provider
(E2E_OIDC_*: the roles trust it, as real roles trust token.actions.githubusercontent.com); moto ties
the returned credentials to the role's account, so cross-account roles behave as in AWS. Writes what
the real action exports to GITHUB_ENV and the account to GITHUB_OUTPUT."""
import os
import boto3

role, region, session = os.environ["ROLE"], os.environ["REGION"], os.environ["SESSION"]
if not role:
    raise SystemExit("stand-in configure-aws-credentials: role-to-assume is empty (doppio only uses OIDC roles)")
sts = boto3.client("sts", region_name=region, aws_access_key_id=os.environ["E2E_OIDC_ACCESS_KEY_ID"],
                   aws_secret_access_key=os.environ["E2E_OIDC_SECRET_ACCESS_KEY"])
creds = sts.assume_role(RoleArn=role, RoleSessionName=session)["Credentials"]
account = role.split(":")[4]
with open(os.environ["GITHUB_ENV"], "a") as env:
    env.write(f"AWS_ACCESS_KEY_ID={creds['AccessKeyId']}\nAWS_SECRET_ACCESS_KEY={creds['SecretAccessKey']}\n")
    env.write(f"AWS_SESSION_TOKEN={creds['SessionToken']}\nAWS_REGION={region}\nAWS_DEFAULT_REGION={region}\n")
with open(os.environ["GITHUB_OUTPUT"], "a") as out:
    out.write(f"aws-account-id={account}\n")
print(f"stand-in configure-aws-credentials: assumed {role} (account {account}) in {region}")
