"""The Elasticsearch backend: the shared contract plus alias swaps, geo and health."""
import pytest

from backend_contract import BackendContract

pytest_plugins = ("es_standin",)


class TestElasticsearchContract(BackendContract):
    @pytest.fixture
    def backend(self, elasticsearch_backend):
        yield elasticsearch_backend
