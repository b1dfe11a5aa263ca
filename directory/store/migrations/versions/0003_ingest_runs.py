"""ingest_run, ingest_reject, source_record, duplicate_link: what each feed run did

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('ingest_run',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('format', sa.String(length=40), nullable=True),
    sa.Column('location', sa.Text(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('read', sa.Integer(), nullable=False),
    sa.Column('created', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('deactivated', sa.Integer(), nullable=False),
    sa.Column('rejected', sa.Integer(), nullable=False),
    sa.Column('geocoded', sa.Integer(), nullable=False),
    sa.Column('merged', sa.Integer(), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ingest_run'))
    )
    with op.batch_alter_table('ingest_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ingest_run_source'), ['source'], unique=False)

    op.create_table('source_record',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('external_id', sa.String(length=400), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=True),
    sa.Column('last_seen_run_id', sa.Integer(), nullable=True),
    sa.Column('address_key', sa.Text(), nullable=True),
    sa.Column('phone_key', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_record')),
    sa.UniqueConstraint('source', 'kind', 'external_id', name='uq_source_record_identity')
    )
    with op.batch_alter_table('source_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_record_address_key'), ['address_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_record_last_seen_run_id'), ['last_seen_run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_record_phone_key'), ['phone_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_record_record_id'), ['record_id'], unique=False)

    op.create_table('duplicate_link',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('duplicate_of', sa.String(length=36), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['ingest_run.id'], name=op.f('fk_duplicate_link_run_id_ingest_run'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duplicate_link')),
    sa.UniqueConstraint('record_id', 'duplicate_of', name='uq_duplicate_link_pair')
    )
    with op.batch_alter_table('duplicate_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duplicate_link_duplicate_of'), ['duplicate_of'], unique=False)
        batch_op.create_index(batch_op.f('ix_duplicate_link_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duplicate_link_run_id'), ['run_id'], unique=False)

    op.create_table('ingest_reject',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('file', sa.Text(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('external_id', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['ingest_run.id'], name=op.f('fk_ingest_reject_run_id_ingest_run'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ingest_reject'))
    )
    with op.batch_alter_table('ingest_reject', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ingest_reject_run_id'), ['run_id'], unique=False)



def downgrade():
    with op.batch_alter_table('ingest_reject', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ingest_reject_run_id'))

    op.drop_table('ingest_reject')
    with op.batch_alter_table('duplicate_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duplicate_link_run_id'))
        batch_op.drop_index(batch_op.f('ix_duplicate_link_record_id'))
        batch_op.drop_index(batch_op.f('ix_duplicate_link_duplicate_of'))

    op.drop_table('duplicate_link')
    with op.batch_alter_table('source_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_record_record_id'))
        batch_op.drop_index(batch_op.f('ix_source_record_phone_key'))
        batch_op.drop_index(batch_op.f('ix_source_record_last_seen_run_id'))
        batch_op.drop_index(batch_op.f('ix_source_record_address_key'))

    op.drop_table('source_record')
    with op.batch_alter_table('ingest_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ingest_run_source'))

    op.drop_table('ingest_run')
