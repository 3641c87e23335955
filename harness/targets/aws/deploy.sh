#!/usr/bin/env bash
# deploy.sh — deploys (or deletes) the aws target's CloudFormation stack with the AWS CLI; prints the target options to use.
#   harness/targets/aws/deploy.sh deploy BUCKET [STACK]   upload the Lambda code to BUCKET, create/update the stack
#   harness/targets/aws/deploy.sh delete [STACK]          delete the stack (Lambda, table, roles)
# Uses the standard credential chain (AWS_PROFILE, AWS_REGION, ...). Costs nothing while idle.
set -euo pipefail
aws=${AWS_CLI:-/usr/bin/aws}
here=$(cd "$(dirname "$0")" && pwd)
action=${1:-}
case "$action" in
  deploy)
    bucket=${2:?usage: deploy.sh deploy BUCKET [STACK]}
    stack=${3:-aslcheck}
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    (cd "$here" && python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); z.write('scripted_task.py'); z.close()" "$work/scripted_task.zip")
    # Named by content: CloudFormation updates the function only when its parameters change.
    key="aslcheck/scripted_task-$(sha256sum "$here/scripted_task.py" | cut -c1-16).zip"
    "$aws" s3 cp "$work/scripted_task.zip" "s3://$bucket/$key"
    "$aws" cloudformation deploy --stack-name "$stack" --template-file "$here/template.yaml" \
      --capabilities CAPABILITY_IAM --parameter-overrides "CodeBucket=$bucket" "CodeKey=$key" \
      --tags aslcheck:component=scripted-task
    "$aws" cloudformation describe-stacks --stack-name "$stack" \
      --query "Stacks[0].Outputs[].[OutputKey,OutputValue]" --output text |
      awk '$1=="ExecutionRoleArn"{print "--target-option role-arn=" $2} $1=="ScriptedTaskArn"{print "--target-option lambda-arn=" $2}'
    ;;
  delete)
    stack=${2:-aslcheck}
    "$aws" cloudformation delete-stack --stack-name "$stack"
    "$aws" cloudformation wait stack-delete-complete --stack-name "$stack"
    echo "deleted stack $stack"
    ;;
  *)
    sed -n '2,6p' "$0" >&2
    exit 2
    ;;
esac
