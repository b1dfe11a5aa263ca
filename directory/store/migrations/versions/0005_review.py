"""change_request, organization_trust: partner edits held for review, and who is trusted

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'change_request',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('organization_id', sa.String(length=36), nullable=False),
        sa.Column('service_id', sa.String(length=36), nullable=True),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('diff', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('submitted_by', sa.String(length=320), nullable=False),
        sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('reviewed_by', sa.String(length=320), nullable=True),
        sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('review_note', sa.Text(), nullable=True),
        sa.Column('base_etag', sa.String(length=80), nullable=True),
        sa.CheckConstraint("kind IN ('create', 'replace', 'patch', 'confirm')",
                           name=op.f('ck_change_request_kind')),
        sa.CheckConstraint("status IN ('pending', 'approved', 'rejected')",
                           name=op.f('ck_change_request_status')),
        sa.ForeignKeyConstraint(['organization_id'], ['organization.id'],
                                name=op.f('fk_change_request_organization_id_organization')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_change_request')),
    )
    with op.batch_alter_table('change_request', schema=None) as batch_op:
        for column in ('organization_id', 'service_id', 'status'):
            batch_op.create_index(batch_op.f(f'ix_change_request_{column}'), [column],
                                  unique=False)
    op.create_table(
        'organization_trust',
        sa.Column('organization_id', sa.String(length=36), nullable=False),
        sa.Column('trusted', sa.Boolean(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by', sa.String(length=320), nullable=True),
        sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], ondelete='CASCADE',
                                name=op.f('fk_organization_trust_organization_id_organization')),
        sa.PrimaryKeyConstraint('organization_id', name=op.f('pk_organization_trust')),
    )


def downgrade():
    op.drop_table('organization_trust')
    with op.batch_alter_table('change_request', schema=None) as batch_op:
        for column in ('status', 'service_id', 'organization_id'):
            batch_op.drop_index(batch_op.f(f'ix_change_request_{column}'))
    op.drop_table('change_request')
