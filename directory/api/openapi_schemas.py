"""Response schemas for our OpenAPI document: HSDS 3.0 entities plus our profile fields.

Each entity is written as "field[:type][!]" words: `!` marks a required field, `[x]` an array of
entity x, `>x` one nested entity x. Nested fields are optional because list items, minimal items
and fully nested records share one schema per entity.
"""

ENTITIES = {
    "organization": "id:uuid! name! alternate_name description! email website tax_status tax_id "
    "year_incorporated:number legal_status logo uri parent_organization_id:uuid "
    "funding:[funding] contacts:[contact] phones:[phone] locations:[location] "
    "programs:[program] organization_identifiers:[organization_identifier] "
    "attributes:[attribute] metadata:[metadata] services:[service]",
    "program": "id:uuid! organization_id:uuid name! alternate_name description!",
    "service": "id:uuid! organization_id:uuid program_id:uuid name! alternate_name description "
    "url email status:status! interpretation_services application_process fees_description "
    "wait_time fees accreditations eligibility_description minimum_age:number "
    "maximum_age:number assured_date assurer_email licenses alert last_modified:date-time "
    "wait_time_days:integer wait_time_updated:date-time organization:>organization "
    "program:>program phones:[phone] schedules:[schedule] service_areas:[service_area] "
    "service_at_locations:[service_at_location] languages:[language] funding:[funding] "
    "cost_options:[cost_option] required_documents:[required_document] contacts:[contact] "
    "capacities:[service_capacity] attributes:[attribute] metadata:[metadata]",
    "service_at_location": "id:uuid! service_id:uuid location_id:uuid description "
    "contacts:[contact] phones:[phone] schedules:[schedule] service_areas:[service_area] "
    "location:>location service:>service attributes:[attribute]",
    "location": "id:uuid! location_type:location_type! url organization_id:uuid name "
    "alternate_name description transportation latitude:number longitude:number "
    "external_identifier external_identifier_type languages:[language] addresses:[address] "
    "contacts:[contact] accessibility:[accessibility] phones:[phone] schedules:[schedule] "
    "attributes:[attribute]",
    "address": "id:uuid! location_id:uuid attention address_1! address_2 city! region "
    "state_province! postal_code! country! address_type:location_type!",
    "phone": "id:uuid! location_id:uuid service_id:uuid organization_id:uuid contact_id:uuid "
    "service_at_location_id:uuid number! extension:number type description languages:[language]",
    "contact": "id:uuid! organization_id:uuid service_id:uuid service_at_location_id:uuid "
    "location_id:uuid name title department email phones:[phone]",
    "language": "id:uuid! service_id:uuid location_id:uuid phone_id:uuid name code note",
    "accessibility": "id:uuid! location_id:uuid description details url",
    "schedule": "id:uuid! service_id:uuid location_id:uuid service_at_location_id:uuid "
    "valid_from valid_to dtstart timezone:number until count:number wkst freq interval:number "
    "byday byweekno bymonthday byyearday description opens_at closes_at schedule_link "
    "attending_type notes iana_timezone",
    "service_area": "id:uuid! service_id:uuid service_at_location_id:uuid name description "
    "extent extent_type uri postal_codes:strings counties:strings",
    "cost_option": "id:uuid! service_id:uuid valid_from valid_to option currency "
    "amount:number amount_description",
    "required_document": "id:uuid! service_id:uuid document uri",
    "funding": "id:uuid! organization_id:uuid service_id:uuid source",
    "organization_identifier": "id:uuid! organization_id:uuid identifier_scheme "
    "identifier_type! identifier!",
    "service_capacity": "id:uuid! service_id:uuid unit_id:uuid unit:>unit! available:number! "
    "maximum:number description updated:date-time!",
    "unit": "id:uuid! name! scheme identifier uri",
    "attribute": "id:uuid! link_id:uuid taxonomy_term_id:uuid link_type link_entity value "
    "label taxonomy_term:>taxonomy_term",
    "taxonomy_term": "id:uuid! code name! description! parent_id:uuid taxonomy language "
    "taxonomy_id:uuid term_uri taxonomy_detail:>taxonomy",
    "taxonomy": "id:uuid! name! description! uri version",
    "metadata": "id:uuid! resource_id:uuid resource_type last_action_date! last_action_type! "
    "field_name! previous_value! replacement_value! updated_by!",
}

SCALARS = {
    "string": {"type": "string"},
    "uuid": {"type": "string", "format": "uuid"},
    "date-time": {"type": "string", "format": "date-time"},
    "number": {"type": "number"},
    "integer": {"type": "integer"},
    "strings": {"type": "array", "items": {"type": "string"}},
    "status": {"type": "string", "enum": ["active", "inactive", "defunct", "temporarily closed"]},
    "location_type": {"type": "string", "enum": ["physical", "postal", "virtual"]},
}


def component_name(entity):
    """Return the OpenAPI component name of an entity: service_at_location → ServiceAtLocation."""
    return "".join(part.capitalize() for part in entity.split("_"))


def field_schema(kind):
    """Return the schema of one field from its spec type."""
    if kind.startswith("["):
        ref = f"#/components/schemas/{component_name(kind[1:-1])}"
        return {"type": "array", "items": {"$ref": ref}}
    if kind.startswith(">"):
        return {"$ref": f"#/components/schemas/{component_name(kind[1:])}"}
    return dict(SCALARS[kind])


def entity_schema(spec):
    """Return the object schema an entity's spec string describes."""
    properties, required = {}, []
    for word in spec.split():
        if word.endswith("!"):
            word = word[:-1]
            required.append(word.split(":")[0])
        name, _sep, kind = word.partition(":")
        properties[name] = field_schema(kind or "string")
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def components():
    """Return every entity schema plus Page, Error and Meta, keyed by component name."""
    schemas = {component_name(name): entity_schema(spec) for name, spec in ENTITIES.items()}
    schemas["Error"] = {
        "type": "object",
        "required": ["code", "status", "message", "errors"],
        "properties": {
            "code": {"type": "string"},
            "status": {"type": "integer"},
            "message": {"type": "string"},
            "errors": {"type": "object", "description": "Messages keyed by parameter or field."},
        },
    }
    return schemas


def ref(name):
    """Return a $ref to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema):
    """Return `schema` or JSON null."""
    return {"anyOf": [schema, {"type": "null"}]}


def obj(**properties):
    """Return a closed object schema whose properties are all required."""
    return {"type": "object", "required": list(properties), "properties": properties,
            "additionalProperties": False}


def json_response(description, schema, headers=None):
    """Return an OpenAPI response with a JSON body (and response headers, if any)."""
    response = {"description": description,
                "content": {"application/json": {"schema": schema}}}
    if headers:
        response["headers"] = headers
    return response


def error(description):
    """Return a response carrying the `{code, status, message, errors}` error shape."""
    return json_response(description, ref("Error"))


def page_of(item):
    """Return the HSDS Page schema with `contents` of component `item`."""
    count, flag = {"type": "integer", "minimum": 0}, {"type": "boolean"}
    return obj(total_items=count, total_pages=count, page_number={"type": "integer"},
               size=count, first_page=flag, last_page=flag, empty=flag,
               contents={"type": "array", "items": ref(item)})
